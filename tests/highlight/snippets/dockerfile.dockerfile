# syntax=docker/dockerfile:1
FROM python:3.12-slim AS build

ARG APP_VERSION=1.0.0
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
COPY requirements.txt .
RUN apt-get update && apt-get install -y --no-install-recommends gcc \
    && pip install -r requirements.txt \
    && rm -rf /var/lib/apt/lists/*

COPY . .
RUN python -m compileall -q src

FROM python:3.12-slim
LABEL org.opencontainers.image.version="${APP_VERSION}"
COPY --from=build /app /app
USER 1000:1000
EXPOSE 8000
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8000/health || exit 1
ENTRYPOINT ["python", "-m", "app"]
CMD ["--port", "8000"]
