from . import ping
NAME = "pong"


def other():
    return ping.NAME
