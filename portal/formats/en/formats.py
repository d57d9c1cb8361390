DATE_FORMAT = "l, j F Y"
DATETIME_FORMAT = "l, j F Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
