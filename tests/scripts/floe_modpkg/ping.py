from . import pong
NAME = "ping"


def other():
    return pong.NAME
