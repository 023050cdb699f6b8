# The sandbox's own HTTP tests (curl, not the client code).
