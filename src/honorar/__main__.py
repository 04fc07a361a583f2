from honorar.cli import main

main()
