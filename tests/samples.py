"""Manifests shared by several test folders."""

WAR_TOMCAT = """\
apiVersion: v1
kind: Pod
metadata:
  name: tomcat-war
  labels: {app: shop}
spec:
  initContainers:
  - name: copy-war
    image: busybox:1.36
    command: ["sh", "-c", "cp /src/shop.war /webapps/ROOT.war"]
    volumeMounts:
    - {name: webapps, mountPath: /webapps}
  containers:
  - name: tomcat
    image: tomcat:10.1
    ports:
    - {containerPort: 8080, name: http}
    readinessProbe:
      httpGet: {path: /, port: http}
    volumeMounts:
    - {name: webapps, mountPath: /usr/local/tomcat/webapps, readOnly: true}
  volumes:
  - name: webapps
    emptyDir: {}
"""
