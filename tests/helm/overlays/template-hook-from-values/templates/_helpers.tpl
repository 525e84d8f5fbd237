{{/* Rendering-suite overlay: the fixture calls this helper without defining it. */}}
{{- define "app.hook" -}}
"helm.sh/hook": {{ .events | quote }}
{{- end }}
