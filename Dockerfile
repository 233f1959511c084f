# Verkstedet in a container (docs/operations.md, "Running it for real"): the app on port 8501 for a
# proxy in front (deploy/Caddyfile), the database and its snapshots in the /data volume.
#   docker compose up -d --build        (compose.yaml sets the address, the PINs and the volumes)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app/src \
    COMPANION_DB=/data/companion.db \
    COMPANION_DATA=/app/data

RUN groupadd --system --gid 10001 verkstedet \
    && useradd --system --uid 10001 --gid verkstedet --home-dir /home/verkstedet --create-home verkstedet \
    && mkdir /data && chown verkstedet:verkstedet /data

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --chown=root:root app.py pyproject.toml ./
COPY --chown=root:root .streamlit/config.toml .streamlit/config.toml
COPY --chown=root:root pages pages
COPY --chown=root:root src src
COPY --chown=root:root data/*.toml data/*.csv data/
COPY --chown=root:root deploy/healthcheck.py deploy/healthcheck.py

USER verkstedet
VOLUME ["/data"]
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "deploy/healthcheck.py"]
CMD ["sh", "-c", "python -m companion init --if-missing && exec python -m streamlit run app.py --server.address 0.0.0.0 --server.port 8501"]
