# JupyterHub configuration of the local multi-user test (go run ./hubtest).
# hubtest sets the GRADBOOK_HUBTEST_* variables; nothing here is meant for a
# real course (see docker/jupyterhub/ for that).
import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
env = os.environ
state = env["GRADBOOK_HUBTEST_STATE"]

# Everything on loopback: the proxy (public side and API) and the hub.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(env["GRADBOOK_HUBTEST_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["GRADBOOK_HUBTEST_HUB_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % env["GRADBOOK_HUBTEST_PROXY_API_PORT"]
c.ConfigurableHTTPProxy.command = [env["GRADBOOK_HUBTEST_CHP"]]
c.ConfigurableHTTPProxy.should_start = True

c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# A shared password for the two test students; the system users exist, so
# LocalProcessSpawner can run each server as its student.
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = env["GRADBOOK_HUBTEST_PASSWORD"]
c.Authenticator.allowed_users = set(env["GRADBOOK_HUBTEST_USERS"].split(","))

c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Go for the students: the system toolchain, their own build cache in their
# home (seeded by hubtest), the course's read-only module cache, and no
# network (GOPROXY=off). hubtest passes these as GRADBOOK_HUBTEST_GO_NAME.
prefix = "GRADBOOK_HUBTEST_GO_"
c.Spawner.environment = {k[len(prefix):]: v for k, v in env.items() if k.startswith(prefix)}
