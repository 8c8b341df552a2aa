"""K09 is one population: rules that named the inquiries' 有过问干预记录的案件 now name K09,
which reads both the 违纪/过问 flags and the 过问干预 records."""

from django.db import migrations, models


def inquired_to_k09(apps, schema_editor):
    apps.get_model("draws", "DrawRule").objects.filter(population="inquired").update(
        population="k09"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("draws", "0004_population_choices"),
    ]

    operations = [
        migrations.RunPython(inquired_to_k09, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="drawrule",
            name="population",
            field=models.CharField(
                choices=[
                    ("evaluated", "当年已评查案件"),
                    ("closed", "当年办结案件"),
                    ("supervised", "挂牌督办案件"),
                    ("pool", "评查人才库"),
                    ("k01", "K01 法院判决无罪"),
                    ("k02", "K02 撤回起诉"),
                    ("k03", "K03 不批准逮捕、不起诉"),
                    ("k04", "K04 自侦案件撤销案件"),
                    ("k05", "K05 改变罪名、改判、发回重审"),
                    ("k06", "K06 引发国家赔偿"),
                    ("k07", "K07 涉法涉诉信访"),
                    ("k08", "K08 督办、交办、转办"),
                    ("k09", "K09 违纪违法、被举报或有过问干预登记"),
                    ("k10", "K10 社会影响大、媒体关注"),
                    ("k11", "K11 减刑、假释、暂予监外执行监督"),
                ],
                max_length=12,
                verbose_name="抽取范围",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="role",
            field=models.CharField(choices=[('office', '专项整治办'), ('inspection', '纪检监察'), ('liaison', '单位联络员'), ('dept_liaison', '部门联络员'), ('evaluator', '评查员'), ('team_lead', '评查组长'), ('handler', '承办检察官'), ('sysadmin', '系统管理员'), ('secadmin', '安全管理员'), ('auditadmin', '审计管理员')], max_length=12, verbose_name="身份"),
        ),
    ]
