# CLI against the sandbox.
INTEGRATION_TESTS = \
	tests/integration/version.sh \
	tests/integration/cli_hybridbox.sh \
	tests/integration/cli_marketplace.sh \
	tests/integration/cli_member.sh \
	tests/integration/cli_explain.sh \
	tests/integration/cli_explain_mp.sh \
	tests/integration/cli_can.sh \
	tests/integration/cli_reissue.sh \
	tests/integration/cli_mp_contract.sh \
	tests/integration/cli_errors.sh \
	tests/integration/cli_secrets.sh \
	tests/integration/cli_reflect.sh \
	tests/integration/cli_journal.sh \
	tests/integration/cli_ticket.sh \
	tests/integration/cli_guard.sh \
	tests/integration/cli_fault_matrix.sh \
	tests/integration/cli_trace_id.sh \
	tests/integration/cli_redirect.sh \
	tests/integration/cli_hardening.sh \
	tests/integration/cli_net_limits.sh
TESTS += $(INTEGRATION_TESTS)
EXTRA_DIST += $(INTEGRATION_TESTS)
