"""Chinese names typed with a homophone: the table of sounds a build keeps, and the names it finds."""

from __future__ import annotations

from kg.ask.sounds import SoundIndex, sound_table

NAMES = ["腾讯", "飞书", "钉钉", "腾讯会议"]


def test_a_homophone_finds_the_name_it_was_typed_for():
    sounds = SoundIndex(sound_table(NAMES))
    assert sounds.names("腾迅") == ["腾讯"]
    assert sounds.names("飞输") == ["飞书"]
    assert sounds.names("腾迅会意") == ["腾讯会议"]


def test_a_name_spelled_right_or_a_different_sound_finds_nothing():
    sounds = SoundIndex(sound_table(NAMES))
    assert sounds.names("腾讯") == []
    assert sounds.names("飞机") == []


def test_the_table_survives_a_round_trip_through_json():
    import json

    table = sound_table(NAMES)
    assert SoundIndex(json.loads(json.dumps(table, ensure_ascii=False))).names("订订") == ["钉钉"]
