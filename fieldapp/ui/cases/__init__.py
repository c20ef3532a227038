"""After-sales cases (售后): the dealer's service tab, the case desk and a case's screen."""
