"""One module per `cvmbok` subcommand; `cvmbok.cli` discovers them."""
