# The calculator as a container: http://localhost:8501
#   docker build -t seat-savings .
#   docker run --rm -p 8501:8501 seat-savings
# PDF reports are printed by headless Chromium; `--build-arg PDF_EXPORT=0` leaves it out for a
# smaller image (the app then offers the HTML report to print from a browser instead).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

ARG PDF_EXPORT=1
RUN if [ "$PDF_EXPORT" = "1" ]; then \
        apt-get update \
        && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
           fonts-wqy-microhei \
        && rm -rf /var/lib/apt/lists/*; \
    fi

# An unprivileged user runs the server; it owns nothing in the image but its home folder.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin calculator

WORKDIR /srv/app
# Metadata first, then the sources: `pip install .` builds the wheel from these.
COPY pyproject.toml README.md ./
COPY calculator ./calculator
COPY app ./app
RUN pip install . && pip check
# The Method page shows docs/method.md.
COPY docs ./docs
# Streamlit reads .streamlit/config.toml from the folder it starts in.
COPY .streamlit ./.streamlit

USER calculator
EXPOSE 8501
# Host names the server accepts WebSockets for (DNS-rebinding protection); production sets its
# public host name: docker run -e STREAMLIT_SERVER_ALLOWED_HOSTS="calculator.example.gov" ...
# Behind the reverse proxy of deploy/nginx.conf, which adds the security headers.
ENV STREAMLIT_SERVER_ALLOWED_HOSTS="localhost 127.0.0.1"

# Healthy when Streamlit answers "ok" on its health route; Python's standard library, no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read() == b'ok' else 1)"]

CMD ["streamlit", "run", "app/streamlit_app.py", "--server.address=0.0.0.0", "--server.port=8501"]
