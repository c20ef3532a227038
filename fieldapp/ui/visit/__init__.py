"""The visit (拜访): check in, stock, order, notes, incidents and photos, check out."""
