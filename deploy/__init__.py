"""What production runs: gunicorn.conf.py, nginx.conf (filled in by nginx_config.py), serve.py."""
