print("counter runs once, as", __name__)
count = 0


def bump():
    global count
    count += 1
    return count


class Point:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return f"Point({self.x})"


if __name__ == "__main__":
    print("never: an imported module is not __main__")
