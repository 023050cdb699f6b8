# The real TUI in tmux against the sandbox.
