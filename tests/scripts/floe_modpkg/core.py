def twice(x):
    return 2 * x


def _private():
    return "private"


PUBLIC = "public"
