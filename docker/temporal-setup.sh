#!/bin/sh
# Temporal's set-up for docker-compose.yml, run in temporalio/admin-tools:1.32.1: the same steps
# scripts/cluster/temporal.ts takes for `npm run start:cluster`, with the same tools.
#   temporal-setup.sh schema     databases and schemas, before the server starts (idempotent:
#                                create-database ignores an existing database, setup-schema keeps
#                                a newer version, update-schema applies only what is missing)
#   temporal-setup.sh namespace  the namespace and the custom search attributes, once it serves
# The search attributes are those the workflows upsert (registrationsOf in workflows/*.messages.ts);
# test/cluster-shape.spec.ts fails when this list and the code disagree.
set -eu
SEARCH_ATTRIBUTES="TicketStatus=Keyword TicketPriority=Keyword TicketType=Keyword TicketTeam=Keyword TicketAssignee=Keyword SlaBreached=Bool SlaNextDeadline=Datetime CsiStage=Keyword ChangeStage=Keyword ProblemStage=Keyword MiStage=Keyword"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"

case "${1:-}" in
schema)
  export SQL_PLUGIN=postgres12 SQL_HOST="${SQL_HOST:-postgres}" SQL_PORT="${SQL_PORT:-5432}"
  for pair in temporal:postgresql/v12/temporal temporal_visibility:postgresql/v12/visibility; do
    db="${pair%%:*}"; schema="${pair#*:}"
    temporal-sql-tool --db "$db" create-database
    temporal-sql-tool --db "$db" setup-schema -v 0.0
    temporal-sql-tool --db "$db" update-schema --schema-name "$schema"
  done
  ;;
namespace)
  until temporal operator cluster health | grep -q SERVING; do sleep 2; done
  temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1 ||
    temporal operator namespace create --namespace "$NAMESPACE" --retention "${TEMPORAL_NAMESPACE_RETENTION:-720h}"
  # A new namespace reaches the frontend's cache within ~10 s: retry until it answers.
  until temporal operator search-attribute list --namespace "$NAMESPACE" >/dev/null 2>&1; do sleep 2; done
  existing="$(temporal operator search-attribute list --namespace "$NAMESPACE")"
  for registration in $SEARCH_ATTRIBUTES; do
    name="${registration%%=*}"; type="${registration#*=}"
    echo "$existing" | grep -qw "$name" ||
      temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type"
  done
  ;;
*)
  echo "usage: $0 schema|namespace" >&2
  exit 2
  ;;
esac
