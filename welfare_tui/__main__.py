from welfare_tui.launch import main

main()
