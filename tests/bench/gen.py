#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a large `helm template`-style stream for the hooklint benchmark.

The stream is the concatenated output of many releases: each release renders
one chart into 16 documents (14 regular resources in Helm's install order,
then 2 hooks, as `helm template` prints them), so 1 in 8 documents is a hook.
Every document starts with `---` and a `# Source: <chart>/templates/<file>`
line. The output depends only on --seed and --docs.

    gen.py [--docs N] [--seed S] [--out FILE|-]

The size and counts are printed on stderr.
"""

import argparse
import random
import sys

DOCS_PER_RELEASE = 16

CHARTS = [
    "accounts", "ledger", "payments", "billing", "checkout", "catalog",
    "search", "inventory", "shipping", "notify", "mailer", "auth",
    "sessions", "profile", "reviews", "ratings", "pricing", "quotes",
    "orders", "returns", "fraud", "risk", "reports", "exporter",
    "ingest", "indexer", "scheduler", "gateway", "frontend", "admin",
    "audit", "metrics", "tracing", "alerts", "webhooks", "media",
    "thumbs", "cdn-purge", "geo", "i18n",
]

REGISTRIES = [
    "registry.example.com/platform", "ghcr.io/example-org",
    "docker.io/examplecorp", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    "quay.io/example",
]

# Environment variables and values the way charts render them: values a
# template quotes (numbers, booleans) and plain strings.
ENV = [
    ("LOG_LEVEL", ['"info"', "debug", "warn"]),
    ("LOG_FORMAT", ['"json"', "text"]),
    ("HTTP_PORT", ['"8080"', '"3000"']),
    ("GRPC_PORT", ['"9090"']),
    ("METRICS_PORT", ['"9102"']),
    ("DB_HOST", ["postgres.db.svc.cluster.local", "10.20.30.40"]),
    ("DB_PORT", ['"5432"']),
    ("DB_NAME", ["app", "'main'"]),
    ("DB_POOL_SIZE", ['"20"', '"50"']),
    ("DB_SSLMODE", ["require", "verify-full"]),
    ("REDIS_URL", ["redis://redis-master:6379/0"]),
    ("CACHE_TTL_SECONDS", ['"300"', '"3600"']),
    ("KAFKA_BROKERS",
     ["kafka-0.kafka-headless:9092,kafka-1.kafka-headless:9092"]),
    ("KAFKA_GROUP_ID", ["consumers", '"orders-v2"']),
    ("OTEL_EXPORTER_OTLP_ENDPOINT",
     ["http://otel-collector.observability:4317"]),
    ("OTEL_TRACES_SAMPLER", ['"parentbased_traceidratio"']),
    ("FEATURE_NEW_CHECKOUT", ['"true"', '"false"']),
    ("MAX_CONNECTIONS", ['"1000"']),
    ("REQUEST_TIMEOUT", ["30s", '"5s"']),
    ("GOMAXPROCS", ['"2"']),
    ("GOMEMLIMIT", ['"768MiB"']),
    ("JAVA_TOOL_OPTIONS", ["'-XX:MaxRAMPercentage=75.0 -XX:+UseG1GC'"]),
    ("TZ", ["Europe/Berlin", "UTC"]),
    ("S3_BUCKET", ["example-prod-artifacts"]),
    ("SENTRY_ENVIRONMENT", ["production", "staging"]),
    ("RATE_LIMIT_RPS", ['"50"', '"100"']),
    ("CORS_ORIGINS", ['"*.example.com,https://app.example.com"']),
    ("UPSTREAM_URL", ["'https://upstream.internal:8443/api/v2'"]),
]


def q(rng, s):
    """A scalar the way templates write it: plain, double or single quoted."""
    r = rng.random()
    if r < 0.55:
        return s
    if r < 0.9:
        return '"' + s + '"'
    return "'" + s + "'"


class Release:
    def __init__(self, rng, idx):
        self.rng = rng
        self.idx = idx
        self.chart = CHARTS[idx % len(CHARTS)]
        self.release = "r%05d" % idx
        self.name = "%s-%s" % (self.release, self.chart)
        self.ns = rng.choice(["default", "apps", "team-a", "team-b",
                      "payments", "platform"])
        self.version = "%d.%d.%d" % (rng.randint(0, 4), rng.randint(0, 30),
                         rng.randint(0, 12))
        self.app_version = "%d.%d.%d" % (rng.randint(1, 9),
                         rng.randint(0, 40),
                         rng.randint(0, 20))
        self.image = "%s/%s" % (rng.choice(REGISTRIES), self.chart)
        self.port = rng.choice([8080, 8000, 3000, 9000, 5000])

    def src(self, f):
        return "---\n# Source: %s/templates/%s\n" % (self.chart, f)

    def labels(self, ind, component=None, quoted_version=True):
        rng = self.rng
        p = " " * ind
        out = [
            "%shelm.sh/chart: %s-%s\n" % (p, self.chart, self.version),
            "%sapp.kubernetes.io/name: %s\n" % (p, self.chart),
            "%sapp.kubernetes.io/instance: %s\n" % (p, self.release),
        ]
        if quoted_version:
            out.append('%sapp.kubernetes.io/version: "%s"\n'
                   % (p, self.app_version))
        if component:
            out.append("%sapp.kubernetes.io/component: %s\n"
                   % (p, component))
        out.append("%sapp.kubernetes.io/managed-by: Helm\n" % p)
        if rng.random() < 0.3:
            out.append("%steam: %s\n" % (p, q(rng, rng.choice(
                ["core", "growth", "payments", "sre", "data"]))))
        return "".join(out)

    def selector(self, ind, component=None):
        p = " " * ind
        s = ("%sapp.kubernetes.io/name: %s\n"
             "%sapp.kubernetes.io/instance: %s\n"
             % (p, self.chart, p, self.release))
        if component:
            s += "%sapp.kubernetes.io/component: %s\n" % (p, component)
        return s

    def meta(self, name, component=None, annotations=None, ns=True):
        s = "metadata:\n  name: %s\n" % name
        if ns:
            s += "  namespace: %s\n" % self.ns
        s += "  labels:\n" + self.labels(4, component)
        if annotations:
            s += "  annotations:\n"
            for k, v in annotations:
                s += "    %s: %s\n" % (k, v)
        return s

    # --- regular resources, in Helm's install order -------------------

    def network_policy(self):
        rng = self.rng
        s = self.src("networkpolicy.yaml")
        s += "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        s += self.meta(self.name)
        s += "spec:\n  podSelector:\n    matchLabels:\n"
        s += self.selector(6)
        s += "  policyTypes:\n    - Ingress\n    - Egress\n"
        s += "  ingress:\n    - from:\n"
        s += "        - namespaceSelector:\n            matchLabels:\n"
        s += "              kubernetes.io/metadata.name: ingress-nginx\n"
        s += "        - podSelector:\n            matchLabels:\n"
        s += "              app.kubernetes.io/name: prometheus\n"
        s += "      ports:\n        - protocol: TCP\n          port: %d\n" % self.port
        if rng.random() < 0.5:
            s += "  egress:\n    - to:\n        - ipBlock:\n"
            s += "            cidr: 10.%d.0.0/16\n" % rng.randint(0, 255)
            s += "      ports:\n        - protocol: TCP\n          port: 5432\n"
            s += "        - protocol: UDP\n          port: 53\n"
        return s

    def pdb(self):
        s = self.src("pdb.yaml")
        s += "apiVersion: policy/v1\nkind: PodDisruptionBudget\n"
        s += self.meta(self.name)
        s += "spec:\n"
        if self.rng.random() < 0.5:
            s += "  minAvailable: 1\n"
        else:
            s += "  maxUnavailable: %s\n" % q(self.rng, "25%")
        s += "  selector:\n    matchLabels:\n" + self.selector(6)
        return s

    def service_account(self):
        s = self.src("serviceaccount.yaml")
        s += "apiVersion: v1\nkind: ServiceAccount\n"
        ann = None
        if self.rng.random() < 0.4:
            ann = [("eks.amazonaws.com/role-arn",
                "arn:aws:iam::123456789012:role/%s" % self.name)]
        s += self.meta(self.name, annotations=ann)
        s += "automountServiceAccountToken: %s\n" % self.rng.choice(
            ["true", "false"])
        return s

    def secret(self):
        rng = self.rng
        s = self.src("secret.yaml")
        s += "apiVersion: v1\nkind: Secret\n"
        s += self.meta(self.name)
        s += "type: Opaque\ndata:\n"
        for k in ["db-password", "api-key", "jwt-secret", "redis-password",
              "smtp-password", "webhook-token"][:rng.randint(2, 6)]:
            n = rng.choice([16, 24, 32, 44, 64])
            s += "  %s: %s\n" % (k, "".join(rng.choice(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
                for _ in range(n)) + "=")
        if rng.random() < 0.5:
            s += "stringData:\n  DATABASE_URL: \"postgres://%s:$(DB_PASSWORD)@postgres:5432/%s?sslmode=require\"\n" % (
                self.chart, self.chart.replace("-", "_"))
        return s

    def config_map(self):
        rng = self.rng
        s = self.src("configmap.yaml")
        s += "apiVersion: v1\nkind: ConfigMap\n"
        s += self.meta(self.name + "-config")
        s += "data:\n"
        s += "  LOG_LEVEL: %s\n" % q(rng, rng.choice(["info", "debug", "warn"]))
        s += "  FEATURE_FLAGS: %s\n" % q(rng, "search,recommendations,beta-ui")
        s += "  application.yaml: |\n"
        s += "    server:\n      port: %d\n" % self.port
        s += "      shutdown: graceful\n      compression:\n        enabled: true\n"
        s += "    spring:\n      application:\n        name: %s\n" % self.chart
        s += "      datasource:\n        url: jdbc:postgresql://postgres:5432/%s\n" % self.chart
        s += "        hikari:\n          maximum-pool-size: %d\n" % rng.randint(5, 50)
        s += "          connection-timeout: 30000\n"
        s += "    management:\n      endpoints:\n        web:\n          exposure:\n"
        s += "            include: health,info,prometheus\n"
        s += "    logging:\n      level:\n        root: INFO\n"
        for i in range(rng.randint(2, 8)):
            s += "        com.example.%s.module%d: %s\n" % (
                self.chart.replace("-", ""), i,
                rng.choice(["DEBUG", "INFO", "WARN"]))
        if rng.random() < 0.5:
            s += "  logback.xml: |-\n"
            s += '    <?xml version="1.0" encoding="UTF-8"?>\n'
            s += "    <configuration>\n"
            s += ('      <appender name="STDOUT"'
                  ' class="ch.qos.logback.core.ConsoleAppender">\n')
            s += ('        <encoder'
                  ' class="net.logstash.logback.encoder.LogstashEncoder"/>\n')
            s += "      </appender>\n"
            s += '      <root level="INFO"><appender-ref ref="STDOUT"/></root>\n'
            s += "    </configuration>\n"
        if rng.random() < 0.3:
            s += "  motd: >\n"
            s += "    Welcome to %s. Servicio de pagos — café ☕,\n" % self.chart
            s += "    maintained by the platform team; see the runbook\n"
            s += "    before changing anything here.\n"
        return s

    def config_map_proxy(self):
        rng = self.rng
        s = self.src("configmap-nginx.yaml")
        s += "apiVersion: v1\nkind: ConfigMap\n"
        s += self.meta(self.name + "-nginx", component="proxy")
        s += "data:\n  nginx.conf: |\n"
        s += "    worker_processes auto;\n    events { worker_connections 1024; }\n"
        s += "    http {\n"
        s += "      log_format json escape=json '{\"time\":\"$time_iso8601\",'\n"
        s += "                                 '\"status\":$status,\"uri\":\"$request_uri\"}';\n"
        s += "      access_log /dev/stdout json;\n"
        s += "      upstream app { server 127.0.0.1:%d; keepalive 32; }\n" % self.port
        s += "      server {\n        listen 8081;\n"
        for i in range(rng.randint(1, 3)):
            s += "        location /api/v%d/ {\n" % i
            s += "          proxy_pass http://app;\n"
            s += "          proxy_set_header Host $host;\n"
            s += "          proxy_read_timeout %ds;\n" % rng.choice([30, 60, 120])
            s += "        }\n"
        s += "        location /healthz { return 200 'ok'; }\n"
        s += "      }\n    }\n"
        s += "  dashboard.json: '{\"title\":\"%s\",\"panels\":[{\"type\":\"graph\",\"targets\":[{\"expr\":\"sum(rate(http_requests_total{app=\\\"%s\\\"}[5m]))\"}]}]}'\n" % (
            self.chart, self.chart)
        return s

    def role(self):
        s = self.src("role.yaml")
        s += "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"
        s += self.meta(self.name)
        s += "rules:\n"
        s += '  - apiGroups: [""]\n    resources: ["configmaps", "secrets"]\n'
        s += '    verbs: ["get", "list", "watch"]\n'
        s += "  - apiGroups:\n      - coordination.k8s.io\n    resources:\n"
        s += "      - leases\n    verbs:\n      - get\n      - create\n      - update\n"
        return s

    def role_binding(self):
        s = self.src("rolebinding.yaml")
        s += "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n"
        s += self.meta(self.name)
        s += "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
        s += "  kind: Role\n  name: %s\n" % self.name
        s += "subjects:\n  - kind: ServiceAccount\n"
        s += "    name: %s\n    namespace: %s\n" % (self.name, self.ns)
        return s

    def service(self, headless=False):
        rng = self.rng
        name = self.name + ("-headless" if headless else "")
        s = self.src("service-headless.yaml" if headless else "service.yaml")
        s += "apiVersion: v1\nkind: Service\n"
        ann = None
        if not headless and rng.random() < 0.3:
            ann = [("prometheus.io/scrape", '"true"'),
                   ("prometheus.io/port", '"9102"')]
        s += self.meta(name, annotations=ann)
        s += "spec:\n"
        if headless:
            s += "  clusterIP: None\n  publishNotReadyAddresses: true\n"
        else:
            s += "  type: %s\n" % rng.choice(["ClusterIP", "ClusterIP",
                              "NodePort"])
        s += "  ports:\n"
        s += "    - port: 80\n      targetPort: http\n      protocol: TCP\n      name: http\n"
        s += "    - port: 9102\n      targetPort: metrics\n      protocol: TCP\n      name: metrics\n"
        s += "  selector:\n" + self.selector(4)
        return s

    def env_list(self, ind, n):
        rng = self.rng
        p = " " * ind
        out = []
        for k, values in rng.sample(ENV, n):
            r = rng.random()
            if r < 0.7:
                out.append("%s- name: %s\n%s  value: %s\n"
                       % (p, k, p, rng.choice(values)))
            elif r < 0.85:
                out.append("%s- name: %s\n%s  valueFrom:\n"
                       "%s    secretKeyRef:\n%s      name: %s\n"
                       "%s      key: %s\n"
                       % (p, k, p, p, p, self.name, p,
                          k.lower().replace("_", "-")))
            else:
                out.append("%s- name: %s\n%s  valueFrom:\n"
                       "%s    fieldRef:\n"
                       "%s      fieldPath: %s\n"
                       % (p, k, p, p, p, rng.choice(
                           ["metadata.name", "metadata.namespace",
                            "status.podIP", "spec.nodeName"])))
        return "".join(out)

    def probe(self, ind, kind, path):
        rng = self.rng
        p = " " * ind
        s = "%s%s:\n" % (p, kind)
        if rng.random() < 0.8:
            s += "%s  httpGet:\n%s    path: %s\n%s    port: http\n" % (
                p, p, path, p)
        else:
            s += "%s  tcpSocket:\n%s    port: %d\n" % (p, p, self.port)
        s += "%s  initialDelaySeconds: %d\n" % (p, rng.choice([0, 5, 10, 30]))
        s += "%s  periodSeconds: %d\n" % (p, rng.choice([5, 10, 15]))
        s += "%s  timeoutSeconds: %d\n" % (p, rng.choice([1, 2, 5]))
        s += "%s  failureThreshold: %d\n" % (p, rng.choice([3, 6, 10]))
        return s

    def resources(self, ind):
        rng = self.rng
        p = " " * ind
        return ("%sresources:\n%s  limits:\n%s    cpu: %s\n%s    memory: %s\n"
            "%s  requests:\n%s    cpu: %s\n%s    memory: %s\n" % (
                p, p, p, q(rng, rng.choice(["500m", "1", "2"])),
                p, rng.choice(["512Mi", "1Gi", "2Gi"]),
                p, p, q(rng, rng.choice(["50m", "100m", "250m"])),
                p, rng.choice(["128Mi", "256Mi", "512Mi"])))

    def security_context(self, ind):
        p = " " * ind
        return ("%ssecurityContext:\n%s  allowPrivilegeEscalation: false\n"
            "%s  readOnlyRootFilesystem: true\n%s  runAsNonRoot: true\n"
            "%s  runAsUser: 10001\n%s  capabilities:\n%s    drop:\n"
            "%s      - ALL\n" % ((p,) * 8))

    def container(self, ind, name, image, tag, nenv, anchor=None):
        rng = self.rng
        p = " " * ind
        s = "%s- name: %s\n" % (p, name)
        s += '%s  image: "%s:%s"\n' % (p, image, tag)
        s += "%s  imagePullPolicy: IfNotPresent\n" % p
        if rng.random() < 0.4:
            s += "%s  args:\n" % p
            for a in ["--config=/etc/app/application.yaml",
                  "--port=%d" % self.port,
                  "--metrics-addr=:9102",
                  "--log-format=json"][:rng.randint(1, 4)]:
                s += "%s    - %s\n" % (p, q(rng, a))
        s += "%s  ports:\n" % p
        s += "%s    - name: http\n%s      containerPort: %d\n%s      protocol: TCP\n" % (
            p, p, self.port, p)
        s += "%s    - name: metrics\n%s      containerPort: 9102\n%s      protocol: TCP\n" % (
            p, p, p)
        if anchor == "def":
            s += "%s  env: &env\n" % p
            s += self.env_list(ind + 4, nenv)
        elif anchor == "ref":
            s += "%s  env: *env\n" % p
        else:
            s += "%s  env:\n" % p
            s += self.env_list(ind + 4, nenv)
        s += "%s  envFrom:\n%s    - configMapRef:\n%s        name: %s-config\n" % (
            p, p, p, self.name)
        s += self.probe(ind + 2, "livenessProbe", "/healthz")
        s += self.probe(ind + 2, "readinessProbe", "/readyz")
        if rng.random() < 0.15:
            s += self.probe(ind + 2, "startupProbe", "/healthz")
        s += self.resources(ind + 2)
        s += self.security_context(ind + 2)
        s += "%s  volumeMounts:\n" % p
        s += "%s    - name: config\n%s      mountPath: /etc/app\n%s      readOnly: true\n" % (
            p, p, p)
        s += "%s    - name: tmp\n%s      mountPath: /tmp\n" % (p, p)
        return s

    def deployment(self, component):
        rng = self.rng
        worker = component == "worker"
        name = self.name + ("-worker" if worker else "")
        s = self.src("deployment-worker.yaml" if worker else "deployment.yaml")
        s += "apiVersion: apps/v1\nkind: Deployment\n"
        s += self.meta(name, component=component)
        s += "spec:\n"
        s += "  replicas: %d\n" % rng.choice([1, 2, 3, 3, 5])
        s += "  revisionHistoryLimit: 10\n"
        s += "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n"
        s += "      maxSurge: %s\n      maxUnavailable: 0\n" % q(rng, "25%")
        s += "  selector:\n    matchLabels:\n" + self.selector(6, component)
        s += "  template:\n    metadata:\n      annotations:\n"
        s += "        checksum/config: %s\n" % "".join(
            rng.choice("0123456789abcdef") for _ in range(64))
        if rng.random() < 0.5:
            s += '        prometheus.io/scrape: "true"\n'
            s += '        prometheus.io/port: "9102"\n'
        s += "      labels:\n" + self.labels(8, component)
        s += "    spec:\n"
        s += "      serviceAccountName: %s\n" % self.name
        s += "      automountServiceAccountToken: true\n"
        s += "      securityContext:\n        fsGroup: 10001\n"
        s += "        seccompProfile:\n          type: RuntimeDefault\n"
        if rng.random() < 0.5:
            s += "      imagePullSecrets:\n        - name: regcred\n"
        s += "      terminationGracePeriodSeconds: %d\n" % rng.choice([30, 60, 120])
        tag = q(rng, self.app_version)
        if rng.random() < 0.25:
            s += "      initContainers:\n"
            s += "        - name: wait-for-db\n"
            s += "          image: busybox:1.36\n"
            s += "          command:\n            - sh\n            - -c\n"
            s += "            - until nc -z postgres 5432; do echo waiting; sleep 2; done\n"
        s += "      containers:\n"
        use_anchor = rng.random() < 0.1
        nenv = rng.randint(3, 8) if worker else rng.randint(4, 12)
        s += self.container(8, component if not worker else "worker",
                    self.image, self.app_version, nenv,
                    anchor="def" if use_anchor else None)
        if not worker and rng.random() < 0.25:
            s += self.container(8, "proxy", "nginxinc/nginx-unprivileged",
                        "1.25-alpine", rng.randint(2, 5),
                        anchor="ref" if use_anchor else None)
        s += "      volumes:\n"
        s += "        - name: config\n          configMap:\n"
        s += "            name: %s-config\n" % self.name
        s += "        - name: tmp\n          emptyDir: {}\n"
        if rng.random() < 0.5:
            s += "      affinity:\n        podAntiAffinity:\n"
            s += "          preferredDuringSchedulingIgnoredDuringExecution:\n"
            s += "            - weight: 100\n              podAffinityTerm:\n"
            s += "                topologyKey: kubernetes.io/hostname\n"
            s += "                labelSelector:\n                  matchLabels:\n"
            s += self.selector(20, component)
        if rng.random() < 0.4:
            s += "      topologySpreadConstraints:\n"
            s += "        - maxSkew: 1\n          topologyKey: topology.kubernetes.io/zone\n"
            s += "          whenUnsatisfiable: ScheduleAnyway\n"
            s += "          labelSelector:\n            matchLabels:\n"
            s += self.selector(14, component)
        if rng.random() < 0.4:
            s += "      tolerations:\n"
            s += '        - key: "dedicated"\n          operator: "Equal"\n'
            s += '          value: "apps"\n          effect: "NoSchedule"\n'
        if rng.random() < 0.4:
            s += "      nodeSelector:\n        kubernetes.io/os: linux\n"
        return s

    def hpa(self):
        rng = self.rng
        s = self.src("hpa.yaml")
        s += "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
        s += self.meta(self.name)
        s += "spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n"
        s += "    kind: Deployment\n    name: %s\n" % self.name
        s += "  minReplicas: %d\n  maxReplicas: %d\n" % (
            rng.randint(1, 3), rng.randint(5, 30))
        s += "  metrics:\n    - type: Resource\n      resource:\n"
        s += "        name: cpu\n        target:\n          type: Utilization\n"
        s += "          averageUtilization: %d\n" % rng.choice([60, 70, 80])
        return s

    def ingress(self):
        rng = self.rng
        s = self.src("ingress.yaml")
        s += "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        s += self.meta(self.name, annotations=[
            ("cert-manager.io/cluster-issuer", "letsencrypt-prod"),
            ("nginx.ingress.kubernetes.io/proxy-body-size",
             q(rng, "%dm" % rng.choice([1, 8, 50]))),
        ])
        host = "%s.%s.example.com" % (self.chart, self.release)
        s += "spec:\n  ingressClassName: nginx\n"
        s += "  tls:\n    - hosts:\n        - %s\n" % q(rng, host)
        s += "      secretName: %s-tls\n" % self.name
        s += "  rules:\n    - host: %s\n      http:\n        paths:\n" % q(rng, host)
        s += "          - path: /\n            pathType: Prefix\n"
        s += "            backend:\n              service:\n"
        s += "                name: %s\n                port:\n" % self.name
        s += "                  name: http\n"
        return s

    def service_monitor(self):
        rng = self.rng
        s = self.src("servicemonitor.yaml")
        s += "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\n"
        s += self.meta(self.name)
        s += "spec:\n  endpoints:\n    - port: metrics\n"
        s += "      interval: %s\n" % rng.choice(["15s", "30s", "1m"])
        s += "      path: /metrics\n      scrapeTimeout: 10s\n"
        s += "  namespaceSelector:\n    matchNames:\n      - %s\n" % self.ns
        s += "  selector:\n    matchLabels:\n" + self.selector(6)
        return s

    # --- hooks -----------------------------------------------------------

    def hook_ann(self, events, weight, policy, quote_key=False):
        """Hook annotations, written the ways real charts write them.

        About 1 hook in 50 carries a mistake seen in real charts, so the
        report is not empty: an unquoted weight, a misspelt event, a
        space-separated delete policy.
        """
        rng = self.rng
        r = rng.random()
        if r < 0.02:
            mistake = rng.choice(["weight", "event", "policy"])
        else:
            mistake = None
        if mistake == "weight" and weight is not None:
            weight = weight.strip("\"'")
        if mistake == "event":
            events = events.replace("install", "instal", 1)
        if mistake == "policy" and policy is not None:
            policy = policy.replace(",", " ")
        k = '"helm.sh/hook"' if quote_key else "helm.sh/hook"
        out = [(k, q(rng, events) if rng.random() < 0.5 else events)]
        if weight is not None:
            out.append(('"helm.sh/hook-weight"' if quote_key
                        else "helm.sh/hook-weight", weight))
        if policy is not None:
            out.append(('"helm.sh/hook-delete-policy"' if quote_key
                        else "helm.sh/hook-delete-policy",
                        q(rng, policy) if rng.random() < 0.4 else policy))
        return out

    def job(self, name, file, events, weight, policy, sa, env_secret,
        script_cm=None, component="migrate"):
        rng = self.rng
        s = self.src(file)
        s += "apiVersion: batch/v1\nkind: Job\n"
        s += self.meta(name, component=component,
                   annotations=self.hook_ann(events, weight, policy,
                             rng.random() < 0.5))
        s += "spec:\n"
        s += "  backoffLimit: %d\n" % rng.choice([0, 1, 3, 6])
        if rng.random() < 0.5:
            s += "  activeDeadlineSeconds: %d\n" % rng.choice([300, 600, 1800])
        s += "  template:\n    metadata:\n"
        s += "      name: %s\n" % name
        s += "      labels:\n" + self.labels(8, component)
        if rng.random() < 0.5:
            s += "      annotations:\n"
            s += '        sidecar.istio.io/inject: "false"\n'
        s += "    spec:\n"
        s += "      restartPolicy: %s\n" % rng.choice(["Never", "OnFailure"])
        if sa:
            s += "      serviceAccountName: %s\n" % sa
        s += "      securityContext:\n        runAsNonRoot: true\n"
        s += "        runAsUser: 10001\n        fsGroup: 10001\n"
        s += "      containers:\n"
        s += "        - name: %s\n" % component
        s += '          image: "%s:%s"\n' % (self.image, self.app_version)
        s += "          imagePullPolicy: IfNotPresent\n"
        if script_cm:
            s += "          command:\n            - /bin/sh\n"
            s += "            - /scripts/run.sh\n"
        else:
            s += "          command:\n            - /app/bin/%s\n" % self.chart
            s += "          args:\n            - %s\n" % component
            s += "            - --timeout=%s\n" % rng.choice(["5m", "10m", "30m"])
        s += "          env:\n" + self.env_list(12, rng.randint(3, 7))
        if env_secret:
            s += "          envFrom:\n            - secretRef:\n"
            s += "                name: %s\n" % env_secret
        s += self.resources(10)
        s += self.security_context(10)
        s += "          volumeMounts:\n            - name: tmp\n"
        s += "              mountPath: /tmp\n"
        if script_cm:
            s += "            - name: scripts\n"
            s += "              mountPath: /scripts\n"
        s += "      volumes:\n        - name: tmp\n          emptyDir: {}\n"
        if script_cm:
            s += "        - name: scripts\n          configMap:\n"
            s += "            name: %s\n" % script_cm
            s += "            defaultMode: 0755\n"
        return s

    def hook_secret(self, name, events):
        rng = self.rng
        s = self.src("hooks/migrate-secret.yaml")
        s += "apiVersion: v1\nkind: Secret\n"
        s += self.meta(name, annotations=self.hook_ann(
            events, '"-5"', "before-hook-creation"))
        s += "type: Opaque\nstringData:\n"
        s += "  DATABASE_URL: %s\n" % q(
            rng, "postgres://migrator@postgres:5432/%s" % self.chart)
        s += "  MIGRATIONS_TABLE: schema_migrations\n"
        s += '  LOCK_TIMEOUT: "60"\n'
        return s

    def hook_sa(self, name, events):
        s = self.src("hooks/serviceaccount.yaml")
        s += "apiVersion: v1\nkind: ServiceAccount\n"
        s += self.meta(name, annotations=self.hook_ann(
            events, '"-10"', "before-hook-creation"))
        return s

    def hook_script_cm(self, name, events):
        rng = self.rng
        s = self.src("hooks/cleanup-configmap.yaml")
        s += "apiVersion: v1\nkind: ConfigMap\n"
        s += self.meta(name, annotations=self.hook_ann(
            events, '"-1"', "before-hook-creation,hook-succeeded"))
        s += "data:\n  run.sh: |\n    #!/bin/sh\n    set -eu\n"
        for i in range(rng.randint(4, 12)):
            s += ("    echo \"step %d: cleaning %s\"\n"
                  "    curl -fsS -X DELETE \"http://%s/api/v1/cache/%d\" || true\n"
                  % (i, self.chart, self.name, i))
        s += "    echo done\n"
        return s

    def test_pod(self):
        rng = self.rng
        name = self.name + "-test-connection"
        s = self.src("tests/test-connection.yaml")
        s += "apiVersion: v1\nkind: Pod\n"
        s += self.meta(name, annotations=self.hook_ann(
            "test", None, "before-hook-creation,hook-succeeded"))
        s += "spec:\n  restartPolicy: Never\n  containers:\n"
        s += "    - name: wget\n      image: busybox:1.36\n"
        s += "      command: ['wget']\n"
        s += "      args: ['%s:80']\n" % self.name
        if rng.random() < 0.5:
            s += self.resources(6)
        return s

    def hooks(self):
        """Two hook documents; the pair depends on the release."""
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            ev = "pre-install,pre-upgrade"
            sec = self.name + "-migrate-env"
            return [
                self.hook_secret(sec, ev),
                self.job(self.name + "-db-migrate", "hooks/db-migrate-job.yaml",
                     ev, '"0"', "before-hook-creation,hook-succeeded",
                     None, sec),
            ]
        if r < 0.65:
            ev = rng.choice(["pre-install,pre-upgrade", "pre-upgrade",
                     "post-install,post-upgrade"])
            sa = self.name + "-hooks"
            return [
                self.hook_sa(sa, ev),
                self.job(self.name + "-seed", "hooks/seed-job.yaml", ev,
                     rng.choice(['"5"', '"10"', "'1'"]),
                     "before-hook-creation,hook-succeeded", sa, None,
                     component="seed"),
            ]
        if r < 0.85:
            ev = "pre-delete"
            cm = self.name + "-cleanup-script"
            return [
                self.hook_script_cm(cm, ev),
                self.job(self.name + "-cleanup", "hooks/cleanup-job.yaml",
                     ev, '"0"', "hook-succeeded,hook-failed", None,
                     None, script_cm=cm, component="cleanup"),
            ]
        return [
            self.job(self.name + "-smoke", "hooks/smoke-job.yaml",
                 "post-install,post-upgrade", '"20"',
                 "before-hook-creation,hook-succeeded", None, None,
                 component="smoke"),
            self.test_pod(),
        ]

    def documents(self):
        rng = self.rng
        docs = [
            self.network_policy(),
            self.pdb(),
            self.service_account(),
            self.secret(),
            self.config_map(),
            self.config_map_proxy(),
            self.role(),
            self.role_binding(),
            self.service(),
            self.service(headless=True),
            self.deployment("server"),
        ]
        # Helm prints kinds it does not know (custom resources) last
        worker = rng.random() < 0.25
        if worker:
            docs.append(self.deployment("worker"))
        docs += [self.hpa(), self.ingress()]
        if not worker:
            docs.append(self.service_monitor())
        docs += self.hooks()
        assert len(docs) == DOCS_PER_RELEASE
        return docs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100000,
            help="number of documents (default 100000)")
    ap.add_argument("--seed", type=int, default=20240601,
            help="random seed (default 20240601)")
    ap.add_argument("--out", default="-",
            help="output file, - for stdout (default)")
    a = ap.parse_args()
    if a.docs < 0:
        ap.error("--docs must not be negative")

    rng = random.Random(a.seed)
    out = (sys.stdout.buffer if a.out == "-" else open(a.out, "wb"))
    size = docs = hooks = 0
    chunk = []
    idx = 0
    while docs < a.docs:
        rel = Release(rng, idx)
        idx += 1
        for i, d in enumerate(rel.documents()):
            if docs == a.docs:
                break
            b = d.encode("utf-8")
            chunk.append(b)
            size += len(b)
            docs += 1
            if i >= DOCS_PER_RELEASE - 2:
                hooks += 1
        if len(chunk) >= 4096:
            out.write(b"".join(chunk))
            chunk = []
    out.write(b"".join(chunk))
    out.flush()
    if out is not sys.stdout.buffer:
        out.close()
    print("gen.py: %d bytes (%.1f MB, %.1f MiB), %d documents, %d hooks, "
          "%d releases" % (size, size / 1e6, size / 1048576.0, docs, hooks,
                   idx), file=sys.stderr)


if __name__ == "__main__":
    main()
