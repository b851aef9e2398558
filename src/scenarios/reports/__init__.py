"""What each command answers: dataset + arguments -> a frozen report, one module per question."""
