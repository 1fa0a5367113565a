// vscmacme.lib: a tiny extension for the vscmirror acceptance suite.
function activate() {}
function deactivate() {}
module.exports = { activate, deactivate };
