#!/usr/bin/python3
"""The stand-in's start-notebook.py: a notebook server on 0.0.0.0:8888.

The token stays on (Jupyter generates one and prints it in the log, as the
real base image does); arguments are passed on to the server.
"""
import os
import sys

args = ["jupyter", "notebook", "--no-browser", "--ip=0.0.0.0", "--port=8888"]
os.execvp(args[0], args + sys.argv[1:])
