"""scenarios: model geopolitical futures as graphs and see which actor links each one stands on."""
