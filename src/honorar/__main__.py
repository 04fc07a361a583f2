from honorar.launch import main

main()
