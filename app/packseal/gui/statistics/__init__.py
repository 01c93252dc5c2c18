"""The statistics page: orders, pace and problems per day and per packer."""

from packseal.gui.statistics.page import StatisticsPage

__all__ = ["StatisticsPage"]
