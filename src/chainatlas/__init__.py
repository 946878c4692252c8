"""Chain Atlas: run a manufacturing industry cluster as a system (产业集群)."""

__version__ = "0.1.0"
