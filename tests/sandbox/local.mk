# The sandbox's own HTTP tests (curl + jq, not the client code).
SANDBOX_TESTS = \
	tests/sandbox/acceptance.sh \
	tests/sandbox/hybridbox.sh \
	tests/sandbox/marketplace.sh \
	tests/sandbox/rql.sh \
	tests/sandbox/faults.sh \
	tests/sandbox/server.sh
TESTS += $(SANDBOX_TESTS)
EXTRA_DIST += $(SANDBOX_TESTS) tests/sandbox/sandbox-lib.sh \
	tests/sandbox/reference/hybridbox-invitation.json \
	tests/sandbox/reference/marketplace-resend-invite.json \
	tests/sandbox/reference/marketplace-send-new-invite.json
