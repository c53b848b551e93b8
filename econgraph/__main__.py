from econgraph.cli import main

main()
