# The portal's image: the front end (GOV.UK Frontend and the stylesheet) built from npm in a
# build stage, never fetched from a CDN at run time; the Python package and its static files in
# the final stage. .ci/production_smoke runs the same steps without Docker in `make test`.
FROM node:22-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/scss static/scss
RUN npm run --silent build

FROM python:3.11-slim
# WeasyPrint (PDF board files) needs Pango.
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
COPY --from=frontend /app/node_modules/govuk-frontend node_modules/govuk-frontend
COPY --from=frontend /app/node_modules/plotly.js-basic-dist-min node_modules/plotly.js-basic-dist-min
COPY --from=frontend /app/static/build static/build
RUN pip install --no-cache-dir . \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && test -s staticfiles/build/portal.css \
    && test -d staticfiles/govuk
RUN useradd --system --no-create-home portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
