{{/* Rendering-suite overlay: passing.yaml includes this helper, which the fixture does not define. */}}
{{- define "app.workerSpec" -}}
backoffLimit: 1
template:
  spec:
    restartPolicy: Never
    containers:
      - name: worker
        image: {{ include "app.image" . | quote }}
{{- end }}
