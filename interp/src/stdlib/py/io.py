"""io: StringIO, an in-memory text file, written for floe.

A StringIO is an ordinary mutable object in the caller's region, like a list.
"""

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2


def _line_end(text, start):
    """The index after the first newline at or after start, or len(text)."""
    # Windows that double in size keep a long text's lines linear to read.
    width = 128
    while True:
        nl = text[start:start + width].find("\n")
        if nl >= 0:
            return start + nl + 1
        if start + width >= len(text):
            return len(text)
        start += width
        width *= 2


class StringIO:
    """Text in memory, read and written at a position. Appends at the end are kept as
    a list of pieces and joined when something else needs the whole text."""

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not "
                            + type(initial_value).__name__)
        self._value = initial_value
        self._pieces = []
        self._size = len(initial_value)
        self._pos = 0
        self._closed = False

    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _text(self):
        if self._pieces:
            self._value = self._value + "".join(self._pieces)
            self._pieces = []
        return self._value

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return self._text()

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        n = len(s)
        if self._pos == self._size:
            self._pieces.append(s)
        else:
            text = self._text()
            if self._pos > self._size:
                text = text + "\0" * (self._pos - self._size)
            self._value = text[:self._pos] + s + text[self._pos + n:]
        self._pos += n
        if self._pos > self._size:
            self._size = self._pos
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        text = self._text()
        if size is None or size < 0:
            end = len(text)
        else:
            end = min(self._pos + size, len(text))
        start = min(self._pos, len(text))
        self._pos = max(self._pos, end)
        return text[start:end]

    def readline(self, size=-1):
        self._check()
        text = self._text()
        start = min(self._pos, len(text))
        end = _line_end(text, start)
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return text[start:end]

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                return lines

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            self._pos = self._size
        else:
            raise ValueError("Invalid whence (" + str(whence)
                             + ", should be 0, 1 or 2)")
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value " + str(size))
        if size < self._size:
            self._value = self._text()[:size]
            self._size = size
        return size

    def flush(self):
        self._check()

    def isatty(self):
        self._check()
        return False

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()
