"""Today (今日): the rep's route for the day, the next stop and the day's progress."""
