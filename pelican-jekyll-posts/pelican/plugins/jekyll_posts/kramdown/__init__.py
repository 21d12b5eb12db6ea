"""kramdown"""
