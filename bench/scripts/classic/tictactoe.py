# Classic B11: tic-tac-toe by minimax with alpha-beta pruning — the game-tree search
# behind board-game benchmarks (pyperformance's `go` plays Go by Monte Carlo; this is
# the exhaustive textbook search on the smallest board). Searches the game to the end
# from each opening of two moves (X then O, 72 of them, in turn), then plays the
# perfect game out from the last one.
# Exercises: recursion, list mutation and undo, tuple indexing, early returns.
# N is the number of openings searched.
N = 432

LINES = (
    (0, 1, 2), (3, 4, 5), (6, 7, 8),
    (0, 3, 6), (1, 4, 7), (2, 5, 8),
    (0, 4, 8), (2, 4, 6),
)


def winner(board):
    for a, b, c in LINES:
        p = board[a]
        if p != 0 and p == board[b] and p == board[c]:
            return p
    return 0


class Search:
    def __init__(self):
        self.nodes = 0

    def minimax(self, board, player, alpha, beta):
        """The value of `board` for X (+1 win, 0 draw, -1 loss), `player` to move."""
        self.nodes += 1
        w = winner(board)
        if w != 0:
            return w
        if 0 not in board:
            return 0
        if player == 1:
            best = -2
            for i in range(9):
                if board[i] == 0:
                    board[i] = 1
                    v = self.minimax(board, -1, alpha, beta)
                    board[i] = 0
                    if v > best:
                        best = v
                    if best > alpha:
                        alpha = best
                    if alpha >= beta:
                        break
            return best
        best = 2
        for i in range(9):
            if board[i] == 0:
                board[i] = -1
                v = self.minimax(board, 1, alpha, beta)
                board[i] = 0
                if v < best:
                    best = v
                if best < beta:
                    beta = best
                if alpha >= beta:
                    break
        return best

    def best_move(self, board, player):
        best_i, best_v = -1, None
        for i in range(9):
            if board[i] == 0:
                board[i] = player
                v = self.minimax(board, -player, -2, 2) * player
                board[i] = 0
                if best_v is None or v > best_v:
                    best_i, best_v = i, v
        return best_i


OPENINGS = [(x, o) for x in range(9) for o in range(9) if o != x]

s = Search()
outcomes = {-1: 0, 0: 0, 1: 0}
board = None
for k in range(N):
    x, o = OPENINGS[k % len(OPENINGS)]
    board = [0] * 9
    board[x] = 1
    board[o] = -1
    outcomes[s.minimax(board, 1, -2, 2)] += 1

moves = []
player = 1
while winner(board) == 0 and 0 in board:
    m = Search().best_move(board, player)
    board[m] = player
    moves.append(m)
    player = -player
print(outcomes[1], outcomes[0], outcomes[-1], s.nodes)
print(moves, winner(board))
