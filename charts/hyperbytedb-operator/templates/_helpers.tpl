{{/* Chart name, overridable. */}}
{{- define "hyperbytedb-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object name prefix: the release name, plus the chart name unless the release name contains it. */}}
{{- define "hyperbytedb-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "hyperbytedb-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "hyperbytedb-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: hyperbytedb
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels selecting the operator pods. */}}
{{- define "hyperbytedb-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hyperbytedb-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "hyperbytedb-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "hyperbytedb-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "hyperbytedb-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* "true" when leader election is on; more than one replica forces it. */}}
{{- define "hyperbytedb-operator.leaderElection" -}}
{{- or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}
{{- end }}

{{/* Stops rendering on contradictory values. */}}
{{- define "hyperbytedb-operator.validate" -}}
{{- if and .Values.rbac.namespaced (empty .Values.watchNamespaces) }}
{{- fail "rbac.namespaced=true needs the namespaces to grant access in: set watchNamespaces (e.g. --set 'watchNamespaces={team-a,team-b}'), or set rbac.namespaced=false for a cluster-wide ClusterRole" }}
{{- end }}
{{- if not (has .Values.logFormat (list "text" "json")) }}
{{- fail (printf "logFormat must be text or json, not %q" .Values.logFormat) }}
{{- end }}
{{- end }}

{{/*
The operator's rules in every watched namespace (ClusterRole in cluster-wide mode, Role per
namespace in namespaced mode). Must equal cloud.hyperbyte.operator.rbac.ApiPermissions (scope
WATCHED_NAMESPACES); RbacMatchesOperatorCallsTest enforces it.
*/}}
{{- define "hyperbytedb-operator.watchedRules" -}}
- apiGroups: ["hyperbytedb.hyperbyte.cloud"]
  resources: ["hyperbytedbclusters", "hyperbytedbbackups", "hyperbytedbrestores"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["hyperbytedb.hyperbyte.cloud"]
  resources: ["hyperbytedbclusters/status", "hyperbytedbbackups/status", "hyperbytedbrestores/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["hyperbytedb.hyperbyte.cloud"]
  resources: ["hyperbytedbclusters/finalizers", "hyperbytedbbackups/finalizers", "hyperbytedbrestores/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["statefulsets", "deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["services", "configmaps"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims", "secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["", "events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "prometheusrules"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
{{- if .Values.features.backupRestore }}
# features.backupRestore: backup and restore pods (data moves in them; the operator never execs)
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create"]
# seeding new members: the new member's claim (created, then annotated as seeded) and the one-time token
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["create", "patch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["create", "delete"]
{{- if not .Values.features.pvcCleanup }}
# a restore deletes the claims of ordinals at or above the restored replicas (pre-restore data)
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["delete"]
{{- end }}
{{- end }}
{{- if .Values.features.tls }}
# features.tls: operator-issued certificate Secrets
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["create", "patch", "delete"]
{{- end }}
{{- if .Values.features.pvcCleanup }}
# features.pvcCleanup: volume expansion and the PVC retention policy
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["patch", "delete"]
{{- end }}
{{- end }}
