SCALE = 3


def scale(v):
    return v * SCALE
