# cli area: add sources with src_libinvitui_a_SOURCES += ... (or src_invitui_SOURCES +=)
