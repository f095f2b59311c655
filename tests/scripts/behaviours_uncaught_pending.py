# A run that ends with an uncaught exception while a cown still waits for its region:
# the cown fails, the behaviour queued on it runs (and finds the failure), and the run
# ends instead of waiting for it forever.
from floe import Cown, when, Region
r = Region("late")
r.items = [1]
alias = r.items
c = Cown(r)
@when(c)
def never_gets_it(c):
    print("never printed")
raise RuntimeError("the script stops here")
