# Classic B11: tic-tac-toe by minimax with alpha-beta pruning — the game-tree search
# behind board-game benchmarks (pyperformance's `go` plays Go by Monte Carlo; this is
# the exhaustive textbook search on the smallest board). Searches the full game from
# the empty board and from every first move, and plays the perfect game out.
# Exercises: recursion, list mutation and undo, tuple indexing, early returns.
# N is the number of complete searches (each: the empty board and its nine replies).
N = 4

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


result = None
for _ in range(N):
    s = Search()
    empty = [0] * 9
    values = [s.minimax(empty, 1, -2, 2)]
    for first in range(9):
        board = [0] * 9
        board[first] = 1
        values.append(s.minimax(board, -1, -2, 2))
    result = (values, s.nodes)

game = [0] * 9
moves = []
player = 1
while winner(game) == 0 and 0 in game:
    m = Search().best_move(game, player)
    game[m] = player
    moves.append(m)
    player = -player
print(result[0], result[1])
print(moves, winner(game))
