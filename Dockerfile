# Multi-stage: build wheels of the project and its dependencies, then install them into a slim
# runtime as a non-root user. CI (.ci/run) installs from the same pyproject.toml with pip.

FROM python:3.11-slim AS builder
WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 HOST=0.0.0.0 PORT=8000
RUN useradd --create-home --uid 10001 app
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
# Data folders the service reads from its working directory (the package itself is installed).
COPY migrations ./migrations
COPY seeds ./seeds
COPY openapi ./openapi
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
# Set DATABASE_URL to a PostgreSQL server and run `python -m service migrate` once (e.g. as an
# init container); without DATABASE_URL the embedded PostgreSQL starts in the user's home.
CMD ["python", "-m", "service", "serve", "--host", "0.0.0.0"]
