# Sapar: python -m bot serve as a non-root user, SQLite under /app/var unless
# SAPAR_DATABASE__URL points elsewhere.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SAPAR_WEB__HOST=0.0.0.0

WORKDIR /app
RUN groupadd --system sapar && useradd --system --gid sapar --home-dir /app sapar

COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
RUN pip install -c constraints.txt .

COPY config.yml ./
COPY dialogues ./dialogues
COPY knowledge ./knowledge
COPY nlu ./nlu
RUN mkdir -p var && chown -R sapar:sapar var

USER sapar
ENV SAPAR_CONFIG=/app/config.yml
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["python", "-m", "bot", "serve"]
