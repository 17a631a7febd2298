# JupyterHub for a gradbook course: one container per student, made from the
# gradbook image (docker/Dockerfile) by DockerSpawner.
#
# Run the hub itself in a container on the same Docker network as the
# student containers (see README.md beside this file):
#
#	docker network create gradbook-hub
#	docker compose -f docker/compose.yaml build          # the gradbook:latest image
#	jupyterhub -f docker/jupyterhub/jupyterhub_config.py
#
# The hub's version must match the single-user server in the image: the
# pinned base image carries JupyterHub 5.5.1, so install jupyterhub==5.5.1
# and dockerspawner next to it.
import os

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

# --- Spawner: one container per student --------------------------------------

c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
# gradbook:latest is the tag `docker compose -f docker/compose.yaml build`
# gives the image, and the one `make docker-test` builds and runs (podman
# spells it localhost/gradbook:latest). A course sets GRADBOOK_IMAGE to the
# commit-tagged image it pushed (see README.md beside this file).
c.DockerSpawner.image = os.environ.get("GRADBOOK_IMAGE", "gradbook:latest")

# Student containers reach the hub by its container name on a private
# Docker network; nothing but the proxy is published.
network = os.environ.get("GRADBOOK_HUB_NETWORK", "gradbook-hub")
c.DockerSpawner.network_name = network
c.DockerSpawner.use_internal_ip = True
c.JupyterHub.hub_ip = "0.0.0.0"
c.JupyterHub.hub_connect_ip = os.environ.get("GRADBOOK_HUB_HOST", "jupyterhub")

# Each student's work lives in a named volume of their own, mounted where the
# image copies the lectures on first start (~/work/gradbook). Containers are
# removed when a server stops; the volume stays, so nothing is lost.
c.DockerSpawner.notebook_dir = "/home/jovyan/work"
c.DockerSpawner.volumes = {"gradbook-{username}": "/home/jovyan/work"}
c.DockerSpawner.remove = True

# A cold Go build of the first cell takes 20-30 s on two cores; the image is
# pre-warmed, but leave room for a slow node.
c.DockerSpawner.start_timeout = 120
c.DockerSpawner.http_timeout = 120

# Go compiles every cell: give each student a core and room for the linker.
c.DockerSpawner.cpu_limit = float(os.environ.get("GRADBOOK_CPU_LIMIT", "1.0"))
c.DockerSpawner.mem_limit = os.environ.get("GRADBOOK_MEM_LIMIT", "2G")

# --- Who may log in ----------------------------------------------------------

# Replace with the university's single sign-on (oauthenticator, ltiauthenticator).
# The roster is one user name per line; teaching staff are admins.
def _names(path):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


here = os.path.dirname(os.path.abspath(__file__))
c.Authenticator.allowed_users = _names(os.environ.get("GRADBOOK_ROSTER", os.path.join(here, "roster.txt")))
c.Authenticator.admin_users = _names(os.environ.get("GRADBOOK_STAFF", os.path.join(here, "staff.txt")))

# --- Hub housekeeping --------------------------------------------------------

# The hub's own state (sqlite database, cookie secret) outside the repository.
state = os.environ.get("GRADBOOK_HUB_STATE", "/srv/jupyterhub")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")

# Stop servers idle for an hour (pip install jupyterhub-idle-culler).
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": ["python3", "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
