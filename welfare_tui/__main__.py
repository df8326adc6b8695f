from welfare_tui.cli import main

main()
