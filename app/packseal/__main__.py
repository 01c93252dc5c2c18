from packseal.cli import main

raise SystemExit(main())
