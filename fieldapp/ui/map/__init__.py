"""The map (地图): outlets clustered on tiles, their cards, filters, nearby and the legend."""
