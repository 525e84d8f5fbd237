{{/* Rendering-suite overlay: the fixture calls these helpers without defining them. */}}
{{- define "app.hookAnnotations" -}}
"helm.sh/hook": pre-install
"helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
{{- end }}
{{- define "app.podSpec" -}}
restartPolicy: Never
{{- end }}
