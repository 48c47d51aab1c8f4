from kg.cli.fast import main

main()
