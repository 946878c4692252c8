"""The demo's chain taxonomy (产业链图谱) and the bills of materials the generator buys by: data only.

A node's parent is its code without the last dotted part; its segment comes from the first letter.
Each leaf says where its makers usually are (`locality`: a profile in `PROFILES`), how many
makers the generator creates, its unit price in 万元 and the unit its capacity is counted in.
"""

from __future__ import annotations

from typing import NamedTuple


class NodeSpec(NamedTuple):
    """One taxonomy node; the last four fields matter only for leaves."""

    code: str
    name_zh: str
    name_en: str
    key_technology: bool = False
    locality: str = ""
    makers: int = 0
    unit_price_wan: float = 0.0
    capacity_unit: str = ""


N = NodeSpec

NODES: tuple[NodeSpec, ...] = (
    N("U", "上游：原材料与核心零部件", "Upstream: materials and core components"),
    N("U.STL", "钢材", "Steel"),
    N("U.STL.PLATE", "高强度结构钢板", "High-strength structural steel plate", False, "D", 6, 0.5, "吨/年"),
    N("U.STL.WEAR", "耐磨钢板", "Wear-resistant steel plate", False, "D", 4, 0.8, "吨/年"),
    N("U.STL.PIPE", "精密无缝钢管", "Precision seamless steel tube", False, "D", 4, 0.9, "吨/年"),
    N("U.CAF", "铸锻件", "Castings and forgings"),
    N("U.CAF.CAST", "铸件", "Castings", False, "M", 8, 1.2, "吨/年"),
    N("U.CAF.FORGE", "锻件", "Forgings", False, "M", 7, 1.5, "吨/年"),
    N("U.ENG", "发动机", "Engines", True),
    N("U.ENG.DIESEL", "柴油发动机", "Diesel engines", True),
    N("U.ENG.DIESEL.HP", "大功率柴油发动机", "High-power diesel engines", True, "F", 6, 15.0, "台/年"),
    N("U.ENG.DIESEL.MP", "中小功率柴油发动机", "Small and medium diesel engines", False, "D", 6, 5.0, "台/年"),
    N("U.ENG.FUEL", "高压共轨燃油系统", "High-pressure common-rail fuel systems", True, "X", 4, 1.5, "套/年"),
    N("U.ENG.TURBO", "涡轮增压器", "Turbochargers", False, "D", 4, 0.5, "台/年"),
    N("U.ENG.AFT", "尾气后处理系统", "Exhaust after-treatment systems", False, "D", 5, 2.0, "套/年"),
    N("U.HYD", "液压系统", "Hydraulics", True),
    N("U.HYD.PUMP", "液压泵", "Hydraulic pumps", True),
    N("U.HYD.PUMP.PISTON", "高压柱塞泵", "High-pressure piston pumps", True, "X", 7, 3.0, "台/年"),
    N("U.HYD.PUMP.GEAR", "齿轮泵", "Gear pumps", False, "M", 6, 0.15, "台/年"),
    N("U.HYD.VALVE", "液压阀", "Hydraulic valves"),
    N("U.HYD.VALVE.MAIN", "多路主控阀", "Main control valves", True, "X", 7, 4.0, "套/年"),
    N("U.HYD.VALVE.PROP", "电液比例阀", "Electro-hydraulic proportional valves", True, "F", 6, 0.5, "件/年"),
    N("U.HYD.VALVE.BAL", "平衡阀与安全阀", "Balance and relief valves", False, "M", 5, 0.2, "件/年"),
    N("U.HYD.MOTOR", "液压马达", "Hydraulic motors"),
    N("U.HYD.MOTOR.TRAVEL", "行走马达", "Travel motors", True, "F", 6, 2.5, "台/年"),
    N("U.HYD.MOTOR.SWING", "回转马达", "Swing motors", False, "D", 5, 1.5, "台/年"),
    N("U.HYD.CYL", "液压油缸", "Hydraulic cylinders"),
    N("U.HYD.CYL.BOOM", "臂架油缸", "Boom cylinders", False, "L", 8, 1.0, "件/年"),
    N("U.HYD.CYL.OUTRIG", "支腿及转向油缸", "Outrigger and steering cylinders", False, "L", 6, 0.5, "件/年"),
    N("U.HYD.SEAL", "液压密封件", "Hydraulic seals", False, "F", 6, 0.01, "件/年"),
    N("U.HYD.HOSE", "液压胶管与接头", "Hydraulic hoses and fittings", False, "M", 6, 0.02, "根/年"),
    N("U.TRN", "传动与减速", "Transmissions and reducers"),
    N("U.TRN.GEARBOX", "变速箱", "Gearboxes"),
    N("U.TRN.GEARBOX.PS", "动力换挡变速箱", "Powershift transmissions", True, "F", 5, 8.0, "台/年"),
    N("U.TRN.GEARBOX.AMT", "重卡自动变速箱", "Automated truck transmissions", False, "D", 5, 3.0, "台/年"),
    N("U.TRN.RED", "减速机", "Reducers"),
    N("U.TRN.RED.TRAVEL", "行走减速机", "Travel reducers", False, "D", 6, 1.5, "台/年"),
    N("U.TRN.RED.SWING", "回转减速机", "Swing reducers", False, "D", 5, 1.0, "台/年"),
    N("U.TRN.RED.TBM", "盾构主驱动减速机", "TBM main-drive reducers", True, "F", 4, 200.0, "台/年"),
    N("U.TRN.AXLE", "驱动桥", "Drive axles", False, "D", 5, 2.0, "台/年"),
    N("U.BRG", "回转支承与轴承", "Slewing rings and bearings"),
    N("U.BRG.SLEW", "回转支承", "Slewing bearings"),
    N("U.BRG.SLEW.STD", "常规回转支承", "Standard slewing rings", False, "M", 6, 2.0, "套/年"),
    N("U.BRG.SLEW.TBM", "盾构主轴承", "TBM main bearings", True, "X", 4, 1500.0, "套/年"),
    N("U.BRG.PREC", "高端精密轴承", "High-precision bearings", True, "F", 6, 0.05, "套/年"),
    N("U.ELC", "电气与控制", "Electrical and control"),
    N("U.ELC.CTRL", "控制器与芯片", "Controllers and chips", True),
    N("U.ELC.CTRL.CHIP", "控制芯片", "Control chips (MCU)", True, "X", 6, 0.005, "颗/年"),
    N("U.ELC.CTRL.ECU", "整机控制器", "Machine controllers", False, "M", 6, 0.3, "套/年"),
    N("U.ELC.CTRL.PWR", "功率半导体（IGBT）", "Power semiconductors (IGBT)", True, "X", 5, 0.02, "只/年"),
    N("U.ELC.SENS", "传感器", "Sensors"),
    N("U.ELC.SENS.PRESS", "压力传感器", "Pressure sensors", False, "F", 5, 0.05, "只/年"),
    N("U.ELC.SENS.ANGLE", "角度与倾角传感器", "Angle and tilt sensors", False, "M", 5, 0.05, "只/年"),
    N("U.ELC.SENS.RADAR", "激光雷达与毫米波雷达", "Lidar and radar sensors", True, "F", 4, 0.5, "只/年"),
    N("U.ELC.BAT", "动力电池", "Traction batteries"),
    N("U.ELC.BAT.CELL", "动力电芯", "Battery cells", False, "D", 4, 0.07, "kWh/年"),
    N("U.ELC.BAT.PACK", "电池包与电池管理系统", "Battery packs and BMS", False, "M", 5, 0.1, "kWh/年"),
    N("U.ELC.DRIVE", "电驱动系统", "Electric drives"),
    N("U.ELC.DRIVE.MOTOR", "驱动电机", "Traction motors", False, "M", 5, 2.0, "台/年"),
    N("U.ELC.DRIVE.INV", "电机控制器", "Motor inverters", False, "M", 5, 1.0, "台/年"),
    N("U.ELC.HARN", "线束与连接器", "Wiring harnesses and connectors", False, "L", 6, 0.2, "套/年"),
    N("U.ELC.HMI", "显示屏与人机交互", "Displays and HMI", False, "M", 5, 0.3, "套/年"),
    N("U.SW", "工业软件与嵌入式软件", "Industrial and embedded software", True),
    N("U.SW.CAX", "研发设计软件（CAD/CAE）", "Design and simulation software (CAD/CAE)", True, "X", 5),
    N("U.SW.MES", "生产管控软件（MES）", "Manufacturing execution software (MES)", False, "M", 5),
    N("U.SW.EMB", "嵌入式控制软件", "Embedded control software", True, "F", 5),
    N("U.SW.IOT", "工业互联网平台", "Industrial internet platforms", False, "L", 4),
    N("U.CAB", "驾驶室", "Cabs"),
    N("U.CAB.SHELL", "驾驶室总成", "Cab assemblies", False, "L", 6, 2.0, "套/年"),
    N("U.CAB.SEAT", "减振座椅", "Suspension seats", False, "D", 4, 0.3, "套/年"),
    N("U.CAB.AC", "驾驶室空调", "Cab air conditioning", False, "D", 4, 0.5, "套/年"),
    N("U.UND", "底盘行走与轮胎", "Undercarriage and tyres"),
    N("U.UND.TRACK", "履带与“四轮一带”", "Tracks, rollers and idlers", False, "M", 6, 3.0, "套/年"),
    N("U.UND.TYRE", "工程机械轮胎", "Off-the-road tyres", False, "D", 5, 0.5, "条/年"),
    N("U.UND.CHASSIS", "专用底盘", "Special-purpose chassis", False, "D", 4, 30.0, "台/年"),
    N("U.STR", "结构件", "Structural parts"),
    N("U.STR.BOOM", "臂架与吊臂", "Booms and jibs", False, "L", 8, 1.5, "吨/年"),
    N("U.STR.FRAME", "车架与转台", "Frames and turntables", False, "L", 8, 1.2, "吨/年"),
    N("U.STR.ATT", "铲斗与属具", "Buckets and attachments", False, "L", 6, 1.0, "件/年"),
    N("U.STR.CW", "配重", "Counterweights", False, "L", 4, 0.8, "吨/年"),
    N("U.STR.CUT", "刀盘与刀具", "Cutterheads and cutters", False, "M", 4, 300.0, "套/年"),
    N("M", "中游：整机制造", "Midstream: machine manufacturing"),
    N("M.EXC", "挖掘机", "Excavators"),
    N("M.EXC.MINI", "小型挖掘机", "Mini excavators", False, "", 0, 25.0, "台/年"),
    N("M.EXC.MID", "中型挖掘机", "Medium excavators", False, "", 0, 80.0, "台/年"),
    N("M.EXC.LARGE", "大型挖掘机", "Large excavators", False, "", 0, 250.0, "台/年"),
    N("M.EXC.ELEC", "电动挖掘机", "Electric excavators", False, "", 0, 120.0, "台/年"),
    N("M.CRN", "起重机械", "Cranes"),
    N("M.CRN.TRUCK", "汽车起重机", "Truck cranes", False, "", 0, 150.0, "台/年"),
    N("M.CRN.CRAWLER", "履带起重机", "Crawler cranes", False, "", 0, 600.0, "台/年"),
    N("M.CRN.TOWER", "塔式起重机", "Tower cranes", False, "", 0, 80.0, "台/年"),
    N("M.CON", "混凝土机械", "Concrete machinery"),
    N("M.CON.PUMP", "混凝土泵车", "Truck-mounted concrete pumps", False, "", 0, 250.0, "台/年"),
    N("M.CON.MIXER", "混凝土搅拌运输车", "Concrete truck mixers", False, "", 0, 45.0, "台/年"),
    N("M.CON.PLANT", "混凝土搅拌站", "Concrete batching plants", False, "", 0, 200.0, "套/年"),
    N("M.PIL", "桩工机械", "Piling machinery"),
    N("M.PIL.ROTARY", "旋挖钻机", "Rotary drilling rigs", False, "", 0, 400.0, "台/年"),
    N("M.PIL.HAMMER", "液压打桩锤", "Hydraulic pile hammers", False, "", 0, 150.0, "台/年"),
    N("M.ROAD", "路面机械", "Road machinery"),
    N("M.ROAD.ROLLER", "压路机", "Road rollers", False, "", 0, 50.0, "台/年"),
    N("M.ROAD.PAVER", "摊铺机", "Asphalt pavers", False, "", 0, 300.0, "台/年"),
    N("M.ROAD.GRADER", "平地机", "Motor graders", False, "", 0, 100.0, "台/年"),
    N("M.TBM", "隧道掘进机", "Tunnel boring machines"),
    N("M.TBM.SHIELD", "盾构机", "Shield tunnelling machines", False, "", 0, 5000.0, "台/年"),
    N("M.TBM.HARD", "硬岩隧道掘进机", "Hard-rock tunnel boring machines", False, "", 0, 10000.0, "台/年"),
    N("M.AWP", "高空作业平台", "Aerial work platforms"),
    N("M.AWP.SCISSOR", "剪叉式高空作业平台", "Scissor lifts", False, "", 0, 8.0, "台/年"),
    N("M.AWP.BOOM", "臂式高空作业平台", "Boom lifts", False, "", 0, 60.0, "台/年"),
    N("M.MIN", "矿山机械", "Mining machinery"),
    N("M.MIN.TRUCK", "矿用自卸车", "Mining dump trucks", False, "", 0, 400.0, "台/年"),
    N("M.MIN.DRILL", "凿岩钻机", "Rock drilling rigs", False, "", 0, 300.0, "台/年"),
    N("M.FIRE", "消防车", "Fire-fighting vehicles"),
    N("M.FIRE.LADDER", "登高平台消防车", "Aerial ladder fire trucks", False, "", 0, 800.0, "台/年"),
    N("M.FIRE.WATER", "水罐及泡沫消防车", "Water and foam tenders", False, "", 0, 100.0, "台/年"),
    N("M.TRK", "重型卡车", "Heavy trucks"),
    N("M.TRK.TRACTOR", "重卡牵引车", "Tractor units", False, "", 0, 40.0, "台/年"),
    N("M.TRK.DUMP", "重卡自卸车", "Dump trucks", False, "", 0, 45.0, "台/年"),
    N("M.TRK.NEV", "新能源重卡", "New-energy heavy trucks", False, "", 0, 90.0, "台/年"),
    N("D", "下游：应用与服务", "Downstream: applications and services"),
    N("D.INF", "基础设施建设", "Infrastructure construction"),
    N("D.INF.RAIL", "轨道交通建设", "Rail transit construction", False, "m", 4),
    N("D.INF.ROAD", "公路与桥梁建设", "Road and bridge construction", False, "m", 5),
    N("D.INF.WATER", "水利工程", "Water conservancy works", False, "d", 3),
    N("D.RE", "房地产开发", "Real estate development", False, "l", 4),
    N("D.MIN", "矿山开采", "Mining operations", False, "d", 4),
    N("D.RENT", "设备租赁", "Equipment rental"),
    N("D.RENT.AWP", "高空作业平台租赁", "Aerial work platform rental", False, "m", 5),
    N("D.RENT.CRANE", "起重设备租赁", "Crane rental", False, "l", 4),
    N("D.AFT", "后市场与再制造", "After-market and remanufacturing"),
    N("D.AFT.PARTS", "配件供应", "Spare parts supply", False, "l", 4),
    N("D.AFT.REPAIR", "维修服务", "Repair and maintenance services", False, "l", 4),
    N("D.AFT.REMAN", "再制造", "Remanufacturing", False, "l", 3),
    N("D.USED", "二手设备交易", "Used equipment trading", False, "l", 3),
    N("D.FIN", "融资租赁", "Equipment financing and leasing", False, "m", 4),
    N("D.EXP", "出口市场", "Export markets"),
    N("D.EXP.ASIA", "东南亚与中亚市场", "Southeast and Central Asia", False, "E", 4),
    N("D.EXP.MEA", "中东与非洲市场", "Middle East and Africa", False, "E", 4),
    N("D.EXP.EU", "欧洲市场", "Europe", False, "E", 3),
    N("D.EXP.AMER", "美洲与大洋洲市场", "Americas and Oceania", False, "E", 3),
    N("S", "支撑体系", "Support"),
    N("S.RD", "研发平台", "R&D platforms"),
    N("S.RD.LAB", "重点实验室", "Key laboratories", False, "l", 2),
    N("S.RD.CTR", "技术创新中心", "Technology innovation centres", False, "l", 3),
    N("S.TEST", "检测认证", "Testing and certification"),
    N("S.TEST.INSP", "整机与零部件检测", "Machine and component testing", False, "m", 3),
    N("S.TEST.CERT", "产品认证", "Product certification", False, "m", 3),
    N("S.FAIR", "会展服务", "Fairs and exhibitions", False, "l", 2),
    N("S.TRAIN", "人才培训", "Training"),
    N("S.TRAIN.VOC", "职业技能培训", "Vocational training", False, "l", 3),
    N("S.TRAIN.UNI", "高校与继续教育", "Universities and continuing education", False, "l", 2),
)

PROFILES: dict[str, tuple[float, float, float]] = {
    "L": (0.72, 0.25, 0.03),
    "M": (0.48, 0.42, 0.10),
    "D": (0.22, 0.68, 0.10),
    "F": (0.12, 0.38, 0.50),
    "X": (0.06, 0.26, 0.68),
    "l": (0.85, 0.15, 0.0),
    "m": (0.55, 0.45, 0.0),
    "d": (0.30, 0.70, 0.0),
    "E": (0.0, 0.0, 1.0),
}
"""Chance that a new maker of a leaf is in Changsha, elsewhere in China, or abroad."""

SYSTEM_COST_SHARE: dict[str, float] = {
    "U.STL": 0.07,
    "U.CAF": 0.04,
    "U.ENG": 0.12,
    "U.HYD": 0.16,
    "U.TRN": 0.06,
    "U.BRG": 0.03,
    "U.ELC": 0.09,
    "U.SW": 0.01,
    "U.CAB": 0.03,
    "U.UND": 0.06,
    "U.STR": 0.08,
}
"""Share of a machine's output value spent on each upstream system (split over its leaves)."""

_COMMON = ("U.STL.PLATE", "U.CAF", "U.HYD.SEAL", "U.HYD.HOSE", "U.ELC.HARN", "U.ELC.CTRL.ECU", "U.SW.CAX", "U.SW.MES")
_HYDRAULICS = ("U.HYD.PUMP", "U.HYD.VALVE", "U.HYD.MOTOR", "U.HYD.CYL")
_CAB = ("U.CAB", "U.ELC.HMI", "U.SW.EMB")

# fmt: off
BILL_OF_MATERIALS: dict[str, tuple[str, ...]] = {
    "M": _COMMON,
    "M.EXC": (*_HYDRAULICS, *_CAB, "U.ENG.DIESEL", "U.ENG.AFT", "U.TRN.RED", "U.BRG.SLEW.STD", "U.ELC.SENS.PRESS",
              "U.UND.TRACK", "U.STR.BOOM", "U.STR.FRAME", "U.STR.ATT", "U.STR.CW", "U.STL.WEAR", "U.SW.IOT"),
    "M.EXC.ELEC": ("U.ELC.BAT.PACK", "U.ELC.DRIVE"),
    "M.CRN": (*_HYDRAULICS, *_CAB, "U.ENG.DIESEL.HP", "U.ENG.AFT", "U.TRN.RED.SWING", "U.BRG.SLEW.STD",
              "U.ELC.SENS.ANGLE", "U.STR.BOOM", "U.STR.FRAME", "U.STR.CW", "U.SW.IOT"),
    "M.CRN.TRUCK": ("U.UND.CHASSIS", "U.TRN.AXLE", "U.UND.TYRE"),
    "M.CRN.CRAWLER": ("U.UND.TRACK", "U.TRN.RED.TRAVEL"),
    "M.CON": ("U.HYD.PUMP", "U.HYD.VALVE", "U.HYD.CYL", "U.STR.FRAME", "U.STL.WEAR", "U.ELC.SENS.PRESS"),
    "M.CON.PUMP": ("U.UND.CHASSIS", "U.STR.BOOM", "U.BRG.SLEW.STD", "U.ELC.SENS.ANGLE", "U.SW.IOT"),
    "M.CON.MIXER": ("U.UND.CHASSIS", "U.HYD.MOTOR", "U.TRN.RED.TRAVEL"),
    "M.PIL": (*_HYDRAULICS, *_CAB, "U.ENG.DIESEL.HP", "U.UND.TRACK", "U.STR.BOOM", "U.STR.FRAME", "U.BRG.SLEW.STD",
              "U.ELC.SENS.ANGLE"),
    "M.ROAD": ("U.ENG.DIESEL.MP", "U.HYD.PUMP.GEAR", "U.HYD.MOTOR", "U.HYD.VALVE.BAL", "U.TRN.GEARBOX.PS",
               "U.TRN.AXLE", "U.UND.TYRE", "U.CAB.SHELL", "U.CAB.SEAT", "U.STR.FRAME"),
    "M.TBM": (*_HYDRAULICS, "U.TRN.RED.TBM", "U.BRG.SLEW.TBM", "U.ELC.DRIVE", "U.ELC.SENS", "U.SW.EMB",
              "U.SW.IOT", "U.STR.CUT", "U.STR.FRAME", "U.STL.WEAR", "U.ELC.CTRL.PWR"),
    "M.AWP": ("U.HYD.PUMP.GEAR", "U.HYD.VALVE", "U.HYD.CYL", "U.HYD.MOTOR.TRAVEL", "U.ELC.BAT.PACK",
              "U.ELC.DRIVE", "U.ELC.SENS.ANGLE", "U.STR.BOOM", "U.STR.FRAME", "U.UND.TYRE",
              "U.TRN.RED.SWING", "U.BRG.SLEW.STD", "U.ELC.HMI", "U.SW.EMB"),
    "M.MIN": ("U.ENG.DIESEL.HP", "U.ENG.AFT", "U.TRN.GEARBOX.PS", "U.TRN.AXLE", "U.UND.TYRE", *_HYDRAULICS,
              *_CAB, "U.STR.FRAME", "U.ELC.SENS.RADAR", "U.STL.WEAR"),
    "M.FIRE": ("U.UND.CHASSIS", "U.ENG.DIESEL.HP", "U.HYD.PUMP", "U.HYD.VALVE", "U.HYD.CYL", "U.STR.BOOM",
               "U.BRG.SLEW.STD", "U.ELC.SENS.ANGLE", "U.CAB.SHELL", "U.ELC.HMI"),
    "M.TRK": ("U.ENG.DIESEL.HP", "U.ENG.AFT", "U.TRN.GEARBOX.AMT", "U.TRN.AXLE", "U.CAB", "U.UND.TYRE",
              "U.STR.FRAME", "U.ELC.SENS.RADAR", "U.ELC.HMI", "U.SW.EMB", "U.SW.IOT", "U.ELC.CTRL.CHIP"),
    "M.TRK.NEV": ("U.ELC.BAT.PACK", "U.ELC.DRIVE", "U.ELC.CTRL.PWR"),
}
# fmt: on
"""What a machine needs: every upstream leaf under these prefixes, for every product under the key."""

COMPONENT_INPUTS: dict[str, tuple[str, ...]] = {
    "U.HYD.PUMP": ("U.CAF.CAST", "U.CAF.FORGE", "U.HYD.SEAL", "U.BRG.PREC"),
    "U.HYD.VALVE": ("U.CAF.CAST", "U.HYD.SEAL", "U.ELC.SENS.PRESS"),
    "U.HYD.VALVE.PROP": ("U.ELC.CTRL.CHIP",),
    "U.HYD.MOTOR": ("U.CAF.CAST", "U.CAF.FORGE", "U.HYD.SEAL", "U.BRG.PREC"),
    "U.HYD.CYL": ("U.STL.PIPE", "U.CAF.FORGE", "U.HYD.SEAL"),
    "U.ENG.DIESEL": ("U.CAF.CAST", "U.CAF.FORGE", "U.ENG.FUEL", "U.ENG.TURBO", "U.BRG.PREC", "U.SW.EMB"),
    "U.ENG.FUEL": ("U.ELC.CTRL.CHIP", "U.CAF.FORGE"),
    "U.ENG.AFT": ("U.ELC.SENS.PRESS", "U.STL.PIPE"),
    "U.TRN": ("U.CAF.CAST", "U.CAF.FORGE", "U.BRG.PREC"),
    "U.BRG.SLEW": ("U.CAF.FORGE",),
    "U.ELC.CTRL.ECU": ("U.ELC.CTRL.CHIP", "U.ELC.CTRL.PWR", "U.SW.EMB"),
    "U.ELC.DRIVE": ("U.ELC.CTRL.PWR", "U.ELC.CTRL.CHIP", "U.CAF.CAST"),
    "U.ELC.BAT.PACK": ("U.ELC.BAT.CELL", "U.ELC.CTRL.CHIP"),
    "U.ELC.HMI": ("U.ELC.CTRL.CHIP", "U.SW.EMB"),
    "U.CAB.SHELL": ("U.STL.PLATE", "U.CAB.SEAT", "U.CAB.AC", "U.ELC.HARN", "U.ELC.HMI"),
    "U.UND.TRACK": ("U.CAF.FORGE", "U.STL.WEAR"),
    "U.UND.CHASSIS": ("U.ENG.DIESEL", "U.TRN.AXLE", "U.TRN.GEARBOX.AMT", "U.UND.TYRE", "U.STL.PLATE"),
    "U.STR": ("U.STL.PLATE", "U.STL.WEAR"),
    "U.STR.CW": ("U.CAF.CAST",),
    "U.STR.CUT": ("U.CAF.FORGE", "U.STL.WEAR"),
}
"""What a component maker buys from tier-2 suppliers, by the prefix of what it makes."""

MACHINE_BUYERS: dict[str, tuple[str, ...]] = {
    "D.INF.RAIL": ("M.TBM", "M.CRN.CRAWLER", "M.EXC.LARGE"),
    "D.INF.ROAD": ("M.ROAD", "M.EXC.MID", "M.CON.PUMP", "M.CRN.TRUCK"),
    "D.INF.WATER": ("M.EXC", "M.PIL", "M.CON"),
    "D.RE": ("M.CRN.TOWER", "M.CON", "M.PIL.ROTARY"),
    "D.MIN": ("M.MIN", "M.EXC.LARGE", "M.TRK.DUMP"),
    "D.RENT.AWP": ("M.AWP",),
    "D.RENT.CRANE": ("M.CRN",),
    "D.FIN": ("M.EXC", "M.CRN.TRUCK", "M.AWP", "M.TRK"),
    "D.EXP": ("M.EXC", "M.CRN.TRUCK", "M.CON.PUMP", "M.AWP", "M.ROAD.ROLLER", "M.MIN.TRUCK"),
}
"""Which machines a downstream firm buys, by the prefix of what it does."""

SERVICE_BUYERS: dict[str, tuple[str, ...]] = {
    "D.AFT": ("D.RENT", "D.INF", "D.MIN", "D.RE"),
    "D.USED": ("D.EXP", "D.MIN", "D.RENT"),
    "S.TEST": ("M", "U.HYD", "U.ENG", "U.ELC", "U.TRN"),
    "S.RD": ("M", "U.HYD", "U.ELC.CTRL", "U.SW"),
    "S.TRAIN": ("M", "U.STR", "U.CAB", "D.AFT"),
    "S.FAIR": ("M", "U", "D.EXP"),
}
"""Who buys a service, by the prefix of the service and the prefixes of what the buyer does.

After-market services come first: their makers also buy training, so their output must be known.
"""
