"""honorar: fees of user representatives in Norwegian health services, exact and explained.

The library in four calls::

    from honorar.tables.catalogue import Catalogue
    from honorar.tables.schema import Meeting, Attendance
    from honorar.rules.calculation import calculate

    table = Catalogue.from_options().table_at("unn", date)
    result = calculate(Meeting("unn", date, Attendance.PHYSICAL, hours=Decimal(3)), table)
"""

__version__ = "0.1.0"
